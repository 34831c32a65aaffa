// Eleventy 3 ships no type declarations; this covers the part of its programmatic API yjplan uses.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { quietMode?: boolean; configPath?: string; config?: (config: never) => void | Promise<void>; pathPrefix?: string });
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    stopWatch?(): Promise<void>;
  }
}
