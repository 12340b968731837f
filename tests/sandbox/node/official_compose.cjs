// VideoDB's official Node client (videodb 0.2.0, from mock/node_modules), composing against a
// server unchanged: the classic Timeline and the EditorTimeline, and the Editor's download.
// Prints one JSON object of what each call gave, for the Python test that starts the sandbox.
// Usage: node official_compose.cjs BASE_URL API_KEY
const videodb = require("videodb");
const {
  connect, Timeline, VideoAsset, AudioAsset, ImageAsset, TextAsset,
  EditorTimeline, Track, Clip, EditorVideoAsset, EditorAudioAsset, EditorImageAsset,
  EditorTextAsset, Font, Position, Fit,
} = videodb;

async function main() {
  const [baseUrl, apiKey] = process.argv.slice(2);
  const conn = connect(apiKey, baseUrl);
  const coll = await conn.getCollection();
  const first = await coll.generateVideo("A lighthouse at dawn", 6);
  const second = await coll.generateVideo("Waves on the rocks below", 5);
  const music = await coll.generateMusic("Warm, hopeful strings", 8);
  const logo = await coll.generateImage("A round lighthouse logo", "1:1");

  const timeline = new Timeline(conn);
  timeline.addInline(new VideoAsset(first.id, { start: 1, end: 4 }));
  timeline.addInline(new VideoAsset(second.id, { start: 0, end: 2 }));
  timeline.addOverlay(0, new AudioAsset(music.id, { fadeInDuration: 1, fadeOutDuration: 1 }));
  timeline.addOverlay(0, new ImageAsset(logo.id, { width: 60, height: 60, x: 560, y: 20 }));
  timeline.addOverlay(1, new TextAsset({ text: "Every cup, a fresh start.", duration: 2 }));
  const classic = await timeline.generateStream();

  const editor = new EditorTimeline(conn);
  const clips = new Track(0);
  clips.addClip(0, new Clip({ asset: new EditorVideoAsset({ id: first.id, start: 1 }), duration: 3 }));
  clips.addClip(3, new Clip({ asset: new EditorVideoAsset({ id: second.id }), duration: 2 }));
  const overlays = new Track(1);
  overlays.addClip(0, new Clip({
    asset: new EditorImageAsset({ id: logo.id }), duration: 5, scale: 0.2,
    fit: Fit.contain, position: Position.topRight,
  }));
  overlays.addClip(1, new Clip({
    asset: new EditorTextAsset({ text: "Every cup", font: new Font({ size: 40 }) }), duration: 2,
  }));
  const sound = new Track(2);
  sound.addClip(0, new Clip({ asset: new EditorAudioAsset({ id: music.id, volume: 0.5 }), duration: 5 }));
  editor.addTrack(clips);
  editor.addTrack(overlays);
  editor.addTrack(sound);
  const composed = await editor.generateStream();
  const download = await editor.downloadStream(composed);
  console.log(JSON.stringify({
    classic, classicPlayer: timeline.playerUrl, editor: composed, editorPlayer: editor.playerUrl,
    download,
  }));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
