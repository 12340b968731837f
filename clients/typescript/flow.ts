// VideoDB's flow with the TypeScript client: get the collection, generate a video from a prompt,
// poll the job until it is finished, read the video, and print it as one JSON line.
//
//   node dist/flow.js [--base-url URL] [--prompt TEXT] [--duration 5..8] [--collection ID]
//                     [--timeout SECONDS]
//
// The API key comes from VIDEO_DB_API_KEY; the base URL from --base-url, else VIDEO_DB_BASE_URL,
// else the real API. Exits 1 with a message on standard error if any step fails.
import { createVideoDBClient, type VideoDBClient } from "./client.js";
import type { components } from "./schema.js";

type Schemas = components["schemas"];
type AsyncResponse = Schemas["AsyncResponse"];
type JobFailed = Schemas["JobFailed"];
type Made = Schemas["JobDone"]["data"];

/** What one poll says about the job. */
export type Outcome =
    | { state: "running"; status: "processing" | "in progress"; percentage: number | undefined }
    | { state: "done"; shape: "flat" | "wrapped"; videoId: string }
    | { state: "failed"; message: string };

export interface FlowResult {
    collection_id: string;
    job_id: string;
    finished_shape: "flat" | "wrapped";
    polls: number;
    id: string;
    stream_url: string;
}

interface Options {
    baseUrl: string | undefined;
    prompt: string;
    duration: number;
    collection: string;
    timeoutSeconds: number;
}

class FlowError extends Error {}

function isFailed(body: AsyncResponse): body is JobFailed {
    return "success" in body && body.success === false;
}

function videoIdOf(made: Made): string {
    if (!("id" in made)) {
        throw new FlowError("the job made a text, not a video");
    }
    return made.id;
}

/** Reads a poll's answer in any of its shapes: flat or wrapped when finished, failed, running. */
export function outcome(body: AsyncResponse): Outcome {
    if (isFailed(body)) {
        return { state: "failed", message: body.message };
    }
    switch (body.status) {
        case "processing":
        case "in progress":
            return { state: "running", status: body.status, percentage: body.data?.percentage };
        case "done":
            return { state: "done", shape: "flat", videoId: videoIdOf(body.data) };
        case "complete": {
            const result = body.response;
            if (result.success === false) {
                return { state: "failed", message: result.message };
            }
            return { state: "done", shape: "wrapped", videoId: videoIdOf(result.data) };
        }
        default: {
            const unknown: never = body;
            throw new FlowError(`a job state the spec does not allow: ${JSON.stringify(unknown)}`);
        }
    }
}

function apiError(operation: string, response: Response, error: unknown): FlowError {
    const message =
        typeof error === "object" && error !== null && "message" in error
            ? String(error.message)
            : JSON.stringify(error);
    return new FlowError(`${operation}: HTTP ${response.status}: ${message}`);
}

/** How long to wait before the next poll: as `Retry-After` says, within 50 ms and 3 s. */
function pollDelayMs(response: Response, polls: number): number {
    const retryAfter = Number(response.headers.get("retry-after") ?? Number.NaN);
    const fallback = Math.min(3000, 200 * 1.6 ** (polls - 1));
    const wanted = Number.isFinite(retryAfter) ? retryAfter * 1000 : fallback;
    return Math.min(3000, Math.max(50, wanted));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForJob(
    client: VideoDBClient,
    jobId: string,
    timeoutSeconds: number,
): Promise<{ outcome: Extract<Outcome, { state: "done" }>; polls: number }> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (let polls = 1; ; polls++) {
        const { data, error, response } = await client.GET("/async-response/{job_id}", {
            params: { path: { job_id: jobId } },
        });
        if (data === undefined) {
            throw apiError("getAsyncResponse", response, error);
        }
        const now = outcome(data);
        if (now.state === "failed") {
            throw new FlowError(`job ${jobId} failed: ${now.message}`);
        }
        if (now.state === "done") {
            return { outcome: now, polls };
        }
        const left = deadline - Date.now();
        if (left <= 0) {
            throw new FlowError(`job ${jobId} still ${now.status} after ${timeoutSeconds} s`);
        }
        await sleep(Math.min(left, pollDelayMs(response, polls)));
    }
}

export async function runFlow(client: VideoDBClient, options: Options): Promise<FlowResult> {
    const collection = await client.GET("/collection/{collection_id}", {
        params: { path: { collection_id: options.collection } },
    });
    if (collection.data === undefined) {
        throw apiError("getCollection", collection.response, collection.error);
    }
    const collectionId = collection.data.data.id;

    const started = await client.POST("/collection/{collection_id}/generate/video/", {
        params: { path: { collection_id: collectionId } },
        body: { prompt: options.prompt, duration: options.duration },
    });
    if (started.data === undefined) {
        throw apiError("generateVideo", started.response, started.error);
    }
    const jobId = started.data.data.id;

    const finished = await waitForJob(client, jobId, options.timeoutSeconds);

    const read = await client.GET("/video/{video_id}", {
        params: { path: { video_id: finished.outcome.videoId }, query: { collection_id: collectionId } },
    });
    if (read.data === undefined) {
        throw apiError("getVideo", read.response, read.error);
    }
    const video = read.data.data;
    if (!video.id.startsWith("m-")) {
        throw new FlowError(`a video id must start with m-, got ${JSON.stringify(video.id)}`);
    }
    return {
        collection_id: collectionId,
        job_id: jobId,
        finished_shape: finished.outcome.shape,
        polls: finished.polls,
        id: video.id,
        stream_url: video.stream_url,
    };
}

function parseArgs(argv: readonly string[]): Options {
    const options: Options = {
        baseUrl: undefined,
        prompt: "A drone flying over a futuristic city",
        duration: 5,
        collection: "default",
        timeoutSeconds: 600,
    };
    for (let i = 0; i < argv.length; i += 2) {
        const name = argv[i];
        const value = argv[i + 1];
        if (value === undefined) {
            throw new FlowError(`${name} needs a value`);
        }
        switch (name) {
            case "--base-url":
                options.baseUrl = value;
                break;
            case "--prompt":
                options.prompt = value;
                break;
            case "--collection":
                options.collection = value;
                break;
            case "--duration":
                options.duration = Number(value);
                if (!Number.isInteger(options.duration) || options.duration < 5 || options.duration > 8) {
                    throw new FlowError(`--duration must be an integer from 5 to 8, got ${value}`);
                }
                break;
            case "--timeout":
                options.timeoutSeconds = Number(value);
                if (!(options.timeoutSeconds > 0 && Number.isFinite(options.timeoutSeconds))) {
                    throw new FlowError(`--timeout must be a positive number of seconds, got ${value}`);
                }
                break;
            default:
                throw new FlowError(`unknown option ${JSON.stringify(name)}`);
        }
    }
    return options;
}

async function main(): Promise<void> {
    try {
        const options = parseArgs(process.argv.slice(2));
        const client = createVideoDBClient({ baseUrl: options.baseUrl });
        console.log(JSON.stringify(await runFlow(client, options)));
    } catch (error) {
        console.error(`flow failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
    }
}

await main();
