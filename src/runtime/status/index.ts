// The agent's status file: written by the running agent, read by `coastguard agent status`.
export {
  type AgentState,
  type AgentStatus,
  agentStatusPath,
  type RefusedRule,
  readAgentState,
  writeAgentStatus,
} from './agent-status.js';
