/**
 * ipv6-cluster-network, the program (Pulumi.yaml `main: dist/program.js`): reads the stack config and declares
 * the network through the library's component (components/library/program.ts), which checks the config, looks
 * up what AWS must tell, plans (pure) and declares. Invalid config stops before any resource exists.
 */
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "./components/library/program";
import { rawFromAllConfig } from "./components/program/config";

export = () => runProgram(rawFromAllConfig(pulumi.runtime.allConfig()));
