// A typed client of VideoDB's generation API: openapi-fetch over the types that
// openapi-typescript generates from openapi/videodb.yaml (schema.d.ts, never edited by hand).
import createClient, { type Client } from "openapi-fetch";

import type { paths } from "./schema.js";

export const DEFAULT_BASE_URL = "https://api.videodb.io";

export type VideoDBClient = Client<paths>;

export interface ClientOptions {
    /** The API's base URL; default `VIDEO_DB_BASE_URL`, then the real API. */
    baseUrl?: string | undefined;
    /** The API key, sent as `x-access-token`; default `VIDEO_DB_API_KEY`. */
    apiKey?: string | undefined;
}

export function createVideoDBClient(options: ClientOptions = {}): VideoDBClient {
    const baseUrl = options.baseUrl || process.env["VIDEO_DB_BASE_URL"] || DEFAULT_BASE_URL;
    const apiKey = options.apiKey || process.env["VIDEO_DB_API_KEY"];
    if (!apiKey) {
        throw new Error("no API key: set VIDEO_DB_API_KEY");
    }
    if (!/^https?:\/\/[^/]/.test(baseUrl)) {
        throw new Error(`the base URL must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
    }
    return createClient<paths>({
        baseUrl: baseUrl.replace(/\/+$/, ""),
        headers: { "x-access-token": apiKey },
    });
}
