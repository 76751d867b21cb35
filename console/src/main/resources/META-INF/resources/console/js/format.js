// How values read on screen: local times with their UTC instant on hover, ages, counts, JSON laid out.
import { h } from './dom.js';

const numberFormat = new Intl.NumberFormat('en');

export function count(value, exact = true) {
  return exact ? numberFormat.format(value) : `${numberFormat.format(value)}+`;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** 2026-11-25 14:03:07 in the browser's zone, as a <time> carrying the instant. */
export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  const text = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return h('time', { datetime: date.toISOString(), title: date.toISOString() }, text);
}

export function clock(iso) {
  const date = new Date(iso);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 3 h 12 min, 4 min 5 s, 12 s. */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

export function millis(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/** JSON text indented for reading; anything else as it came. */
export function pretty(text) {
  if (text === null || text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return String(text);
  }
}

export const STATUS_WORDS = Object.freeze({
  QUEUED: 'Queued',
  IN_FLIGHT: 'In flight',
  RETRYING: 'Retrying',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
});

export const KIND_WORDS = Object.freeze({
  ADD_NOTE: 'Note',
  CREATE_KLASS: 'Klass',
  CREATE_CUSTOM_OBJECTS: 'Custom objects',
  UPDATE_CUSTOMER_DATA: 'Customer data',
});

export const PENDING = Object.freeze(['QUEUED', 'IN_FLIGHT', 'RETRYING']);

export function status(value) {
  return h('span', { class: `status status-${value.toLowerCase()}` }, STATUS_WORDS[value] ?? value);
}

/** A block of text with a button that copies it exactly as it is shown; label says what it is to a screen reader. */
export function copyable(caption, text, label = caption) {
  const shown = text ?? '';
  const note = h('span', { class: 'copied', role: 'status' });
  const button = h('button', {
    type: 'button',
    class: 'copy',
    'aria-label': `Copy ${label}`,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(shown);
        note.textContent = 'Copied';
      } catch {
        note.textContent = 'Select the text and copy it';
      }
      setTimeout(() => { note.textContent = ''; }, 2000);
    },
  }, 'Copy');
  return h('figure', { class: 'code' },
    h('figcaption', {}, h('span', {}, caption), h('span', { class: 'code-actions' }, note, button)),
    h('pre', { tabindex: '0' }, h('code', {}, shown === '' ? '(empty)' : shown)));
}
