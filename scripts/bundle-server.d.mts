/** Bundles src/cli/main.ts into `outdir` (emptied first), which must be inside the checkout (bundle-server.mjs). */
export function bundleServer(options: { outdir: string }): Promise<void>;
