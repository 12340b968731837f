// The few Node globals the client uses. Declared here instead of depending on @types/node, whose
// newer versions describe APIs that the Node this project requires (20) does not have.
declare const process: {
    readonly argv: readonly string[];
    readonly env: Readonly<Record<string, string | undefined>>;
    exitCode: number | undefined;
};
