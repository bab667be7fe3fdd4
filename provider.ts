/**
 * ipv6-cluster-network as a Pulumi component package: what Pulumi runs when a Python, Go, .NET, Java or YAML
 * program (through the SDK `pulumi package add` generated) declares an Ipv6ClusterNetwork. docs/library.md.
 *
 * PulumiPlugin.yaml makes the repository a Node.js plugin. The Node.js language host runs the SDK's
 * `@pulumi/pulumi/cmd/run-plugin` on this package's directory, which `require`s it: a directory resolves
 * through package.json `main`, which is this module (dist/provider.js), while `import "ipv6-cluster-network"`
 * resolves through `exports`, the library (index.ts). run-plugin then hosts the component classes this module
 * exports, with componentProviderHost (pulumi/pulumi sdk/nodejs/cmd/run-plugin/run.ts at 3.248.0, the version
 * package-lock.json pins). `node dist/provider.js <engine address>` hosts it the same way through host().
 *
 * The schema is inferred from the TypeScript source, starting at index.ts: the Args interface
 * (components/library/args.ts, enums as `as const` objects) and the class's public properties (the outputs).
 */
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { basename, join } from "node:path";
import { Ipv6ClusterNetwork as LibraryNetwork, PACKAGE_NAME } from "./components/library/ipv6-cluster-network";

export { PACKAGE_NAME };

/**
 * The component as the provider constructs it: the library's, except that a refused config is reported by the
 * construct call (through the outputs it returns), not by the plugin process. The name is the type token's.
 */
export class Ipv6ClusterNetwork extends LibraryNetwork {
  protected override hostedByProvider(): boolean {
    return true;
  }
}

/** The package's directory (package.json, tsconfig.json, the sources the schema is inferred from). */
export const PACKAGE_DIR = basename(__dirname) === "dist" ? join(__dirname, "..") : __dirname;

/** Serves the component package to the engine whose address is in the command line. */
export function host(): Promise<void> {
  return componentProviderHost({ components: [Ipv6ClusterNetwork], name: PACKAGE_NAME, dirname: PACKAGE_DIR });
}

if (require.main === module) {
  host().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
}
