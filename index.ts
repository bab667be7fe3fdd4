/**
 * ipv6-cluster-network: read the stack config, look up what AWS must tell, validate and plan (pure), then
 * declare the network (components/program/run.ts). Invalid config stops before any resource exists.
 */
import * as pulumi from "@pulumi/pulumi";
import { rawFromAllConfig } from "./components/program/config";
import { runProgram } from "./components/program/run";

export = () => runProgram(rawFromAllConfig(pulumi.runtime.allConfig()));
