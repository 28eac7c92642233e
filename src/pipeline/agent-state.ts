// What the CLI reads of a running agent: its status file, without loading the sensors and rules of the watch.
export { type AgentState, readAgentState } from '../runtime/status/index.js';
