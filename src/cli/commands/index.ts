import type { Command } from "../cli.js";
import { check } from "./check.js";
import { compile } from "./compile.js";
import { dataCommand } from "./data.js";
import { demoCommand } from "./demo.js";
import { evaluateCommand, exportCommand, recommendCommand } from "./model-dir-cmds.js";
import { serveCommand } from "./serve.js";
import { trainCommand } from "./train.js";

export const COMMANDS: Record<string, Command> = {
  check, compile, train: trainCommand, evaluate: evaluateCommand, export: exportCommand,
  recommend: recommendCommand, serve: serveCommand, data: dataCommand, demo: demoCommand,
};
