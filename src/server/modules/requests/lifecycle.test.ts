import { describe, expect, it } from 'vitest';
import {
  nextStatus,
  type REQUEST_STATUSES,
  type RequestAction,
  TRANSITIONS,
  transitionError,
} from './lifecycle.js';

describe('request lifecycle', () => {
  it('walks the full path registered → assigned → in progress → extended → answered → closed', () => {
    const path: [RequestAction, string][] = [
      ['assign', 'assigned'],
      ['start', 'in_progress'],
      ['extend', 'extended'],
      ['answer', 'answered'],
      ['close', 'closed'],
    ];
    let status = 'registered' as (typeof REQUEST_STATUSES)[number];
    for (const [action, expected] of path) {
      expect(transitionError(action, status)).toBeNull();
      status = nextStatus(action, status);
      expect(status).toBe(expected);
    }
  });

  it('allows only one extension and nothing after closing', () => {
    expect(transitionError('extend', 'extended')).toBe(
      'Нельзя продлить срок: обращение в статусе «срок рассмотрения продлён»',
    );
    for (const action of Object.keys(TRANSITIONS) as RequestAction[]) {
      expect(transitionError(action, 'closed')).not.toBeNull();
    }
  });

  it('reassigning keeps the status, assigning a registered request moves it on', () => {
    expect(nextStatus('assign', 'registered')).toBe('assigned');
    expect(nextStatus('assign', 'in_progress')).toBe('in_progress');
    expect(nextStatus('assign', 'extended')).toBe('extended');
  });

  it('closes only finished requests', () => {
    expect(TRANSITIONS.close.from).toEqual(['answered', 'refused', 'redirected', 'left_without_answer']);
    expect(transitionError('close', 'in_progress')).toMatch(/на рассмотрении/);
  });
});
