import { expect, test } from 'vitest';
import { RevKnowledge } from './rev-knowledge.ts';

const localbox = (count: number, salt: string) => `${count.toString(16).padStart(9, '0')}${salt}`;

test('a rev shown alone reads differently after each save, once the page has seen two', () => {
  const knowledge = new RevKnowledge();
  const account = 'dbid:ada';
  const shownAfterSave = [1, 2, 3, 4].map((count) => {
    const rev = localbox(count, '36c0ffee');
    const shown = knowledge.shortRevs(account, [rev])(rev);
    knowledge.learn(account, [rev]);
    return shown;
  });
  expect(shownAfterSave).toEqual(['136c0ffee', '0000002', '0000003', '0000004']);
});

test("revs of two accounts: one account's revs do not change how the other's read", () => {
  const knowledge = new RevKnowledge();
  knowledge.learn('ada', [localbox(1, 'aaaaaaaa'), localbox(2, 'aaaaaaaa')]);
  knowledge.learn('bob', [`015ee0ae6e94b0a000000021e4a8950`]);
  expect(knowledge.shortRevs('ada')(localbox(2, 'aaaaaaaa'))).toBe('0000002');
  // Bob's one rev has nothing of Bob's to be compared with.
  expect(knowledge.shortRevs('bob')('015ee0ae6e94b0a000000021e4a8950')).toBe('21e4a8950');
  knowledge.learn('bob', ['015ee0ae7c2d6c8000000021e4a8950']);
  expect(knowledge.shortRevs('bob')('015ee0ae6e94b0a000000021e4a8950')).toBe('6e94b0a');
  expect(knowledge.shortRevs('ada')(localbox(1, 'aaaaaaaa'))).toBe('0000001');
});

test('listeners hear of new revs only', () => {
  const knowledge = new RevKnowledge();
  let heard = 0;
  const off = knowledge.subscribe(() => heard++);
  knowledge.learn('ada', ['0000000011234', null]);
  knowledge.learn('ada', ['0000000011234', undefined]);
  expect(heard).toBe(1);
  expect(knowledge.version()).toBe(1);
  off();
  knowledge.learn('ada', ['0000000021234']);
  expect(heard).toBe(1);
});
