import type { Command } from "../cli.js";
import { check } from "./check.js";
import { compile } from "./compile.js";
import { trainCommand } from "./train.js";

export const COMMANDS: Record<string, Command> = { check, compile, train: trainCommand };
