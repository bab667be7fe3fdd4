/**
 * What the component package's tests share: one schema analysis per run (the analyzer type-checks the
 * package, ~5 s), the plugin process as Pulumi's Node.js language host starts it, and the schema's types.
 * These tests are `npm run test:package` (in .ci/run), not `npm test`: together they take ~30 s.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { Ipv6ClusterNetwork, PACKAGE_DIR, PACKAGE_NAME } from "../../provider";

export const ROOT = join(__dirname, "..", "..", "..");
export const TOKEN = `${PACKAGE_NAME}:index:Ipv6ClusterNetwork`;

/** A property of the schema (Pulumi's propertySpec/typeSpec, the fields the analyzer writes). */
export interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  plain?: boolean;
  description?: string;
}
export interface EnumValue {
  name?: string;
  value: string | number;
  description?: string;
}
export interface TypeSpec {
  type: string;
  description?: string;
  properties?: Record<string, PropertySpec>;
  required?: string[];
  enum?: EnumValue[];
}
export interface ResourceSpec {
  isComponent?: boolean;
  description?: string;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs?: string[];
  properties: Record<string, PropertySpec>;
  required?: string[];
  type?: string;
}
export interface PackageSchema {
  name: string;
  version: string;
  description?: string;
  resources: Record<string, ResourceSpec>;
  types: Record<string, TypeSpec>;
  language?: Record<string, unknown>;
  dependencies?: unknown[];
}

/** The provider the tests construct through: the hosted component, as provider.ts hosts it. */
export const PROVIDER = new ComponentProvider({
  components: [Ipv6ClusterNetwork],
  name: PACKAGE_NAME,
  dirname: PACKAGE_DIR,
});

let schema: Promise<PackageSchema> | undefined;
/** The package's schema, analyzed once per run (the provider caches it, and construct() needs it). */
export function packageSchema(): Promise<PackageSchema> {
  schema ??= PROVIDER.getSchema().then((text) => JSON.parse(text) as PackageSchema);
  return schema;
}

/** The name of a `#/types/...` reference in this package, or undefined for anything else. */
export function localType(ref: string | undefined): string | undefined {
  const prefix = `#/types/${PACKAGE_NAME}:index:`;
  return ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

/** A running plugin process: its gRPC port, and how to stop it. */
export interface Plugin {
  port: number;
  child: ChildProcess;
  stderr: () => string;
}

/**
 * Starts the package as the Node.js language host starts a source plugin: `node <the SDK's run-plugin>
 * <package dir>` (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go RunPlugin, which locates
 * `@pulumi/pulumi/cmd/run-plugin` from the plugin's own directory), from the consumer's project directory
 * (here the YAML example's). A plugin prints its port on stdout.
 */
export function startPlugin(): Promise<Plugin> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-plugin");
  return startPortPrinter("the plugin", [runner, ROOT], join(ROOT, "examples", "yaml"));
}

/**
 * Starts a Pulumi server process (`node <runner> ARGS` in `cwd`: a plugin, a policy pack) that prints the port it
 * listens on as its first line of stdout; resolves once it has, rejects if it prints something else or exits first.
 */
export function startPortPrinter(what: string, args: string[], cwd: string): Promise<Plugin> {
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += String(d)));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += String(d);
      const line = out.split("\n")[0]!.trim();
      if (out.includes("\n") || /^\d+$/.test(line)) {
        const port = Number(line);
        if (Number.isInteger(port) && port > 0) resolve({ port, child, stderr: () => err });
        else reject(new Error(`${what} printed ${JSON.stringify(out)} instead of a port; stderr: ${err}`));
      }
    });
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}) before printing a port: ${err}${out}`)));
  });
}
