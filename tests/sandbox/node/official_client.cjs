// VideoDB's official Node client (videodb 0.2.0, from mock/node_modules), run unchanged against
// a server: every generation call and a video's own calls. Prints one JSON object of what each
// call gave, for the Python test that starts the sandbox and reads it.
// Usage: node official_client.cjs BASE_URL API_KEY
const { connect } = require("videodb");

async function main() {
  const [baseUrl, apiKey] = process.argv.slice(2);
  const conn = connect(apiKey, baseUrl);
  const coll = await conn.getCollection();
  const video = await coll.generateVideo("A drone flying over a futuristic city", 6);
  const image = await coll.generateImage("A lighthouse at dawn", "16:9");
  const text = await coll.generateText("A tagline for a coffee brand", "pro", "text");
  const music = await coll.generateMusic("Warm, hopeful strings", 3);
  const effect = await coll.generateSoundEffect("Waves on rocks", 2, {});
  const voice = await coll.generateVoice("Every morning, the keeper climbs.", "Default", {});
  const dubbed = await coll.dubVideo(video.id, "es");
  const parts = await video.generateStream([[0, 2], [3, 5]]);
  const whole = await video.generateStream();
  const thumbnailUrl = await video.generateThumbnail();
  const still = await video.generateThumbnail(2);
  const download = await video.download();
  console.log(
    JSON.stringify({
      video: { id: video.id, streamUrl: video.streamUrl, length: Number(video.length) },
      image: { id: image.id },
      text,
      audio: [music.id, effect.id, voice.id],
      dubbed: { id: dubbed.id, streamUrl: dubbed.streamUrl },
      parts,
      whole,
      thumbnailUrl,
      still: { id: still.id },
      download,
    }),
  );
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
