import { parentPort, workerData } from "node:worker_threads";
import { runMutants, type FuzzOptions } from "./fuzz.js";
import { loadSeeds } from "./seeds.js";

// Runs a range of mutants off the main thread, writing the number of the mutant it is on to
// shared memory, so that the main thread can tell a hang from slow progress and stop it.

const { options, progress } = workerData as { options: FuzzOptions; progress: SharedArrayBuffer };
const current = new Int32Array(progress);
const tally = runMutants(await loadSeeds(), options, (index) => Atomics.store(current, 0, index));
parentPort?.postMessage(tally);
