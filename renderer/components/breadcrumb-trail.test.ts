import { expect, test } from 'vitest';
import { breadcrumbTrail } from './breadcrumb-trail.ts';

test('the Dropbox root is one step, called Dropbox', () => {
  expect(breadcrumbTrail('')).toEqual([{ name: 'Dropbox', path: '' }]);
});

test('each folder on the way is a step that opens that folder', () => {
  expect(breadcrumbTrail('/Work/Drafts/2024')).toEqual([
    { name: 'Dropbox', path: '' },
    { name: 'Work', path: '/Work' },
    { name: 'Drafts', path: '/Work/Drafts' },
    { name: '2024', path: '/Work/Drafts/2024' },
  ]);
});

test('names keep their case and spaces, and a stray slash adds no empty step', () => {
  expect(breadcrumbTrail('/My Files//Notes/')).toEqual([
    { name: 'Dropbox', path: '' },
    { name: 'My Files', path: '/My Files' },
    { name: 'Notes', path: '/My Files/Notes' },
  ]);
});
