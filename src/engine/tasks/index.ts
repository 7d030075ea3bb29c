// Registry of tasks keyed by their URL-stable ids.
// Imports only the task modules.
import type { EngineParams, TaskId } from '../params';
import { alignedTask } from './aligned';
import { randomTask } from './random';
import type { TaskInstance } from './task';

export type { Bases, TaskInstance } from './task';

export const TASKS: Record<TaskId, (p: EngineParams) => TaskInstance> = {
  aligned: alignedTask,
  random: randomTask,
};

export function makeTask(p: EngineParams): TaskInstance {
  return TASKS[p.task](p);
}
