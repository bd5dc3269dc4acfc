/**
 * A test-only entry point: the CLI's `start` or `deliver`, with a fault hook that kills the process
 * (SIGKILL: no cleanup at all) at the n-th occurrence of a delivery step. Production never loads it.
 *
 *   node --import tsx test/helpers/crash-entry.ts <step>:<n> --config-dir <dir> start|deliver
 */
import { deliverCommand, startCommand } from "../../src/cli/run-commands.js";
import type { StepHook } from "../../src/core/delivery.js";

const STEPS = ["claimed", "before-send", "after-send", "recorded"];

function crashAt(spec: string): StepHook {
  const [step, count] = spec.split(":");
  if (!STEPS.includes(step ?? "") || !/^\d+$/.test(count ?? "")) throw new Error(`expected <step>:<n> with a step of ${STEPS.join(", ")}, not '${spec}'`);
  let seen = 0;
  return (current) => {
    if (current === step && ++seen === Number(count)) process.kill(process.pid, "SIGKILL");
  };
}

const [spec = "", flag, configDir, command] = process.argv.slice(2);
if (flag !== "--config-dir" || !configDir || (command !== "start" && command !== "deliver")) {
  throw new Error("usage: crash-entry.ts <step>:<n> --config-dir <dir> start|deliver");
}
const overrides = { onStep: crashAt(spec) };
if (command === "start") await startCommand({ configDir }, overrides);
else await deliverCommand({ configDir }, overrides);
