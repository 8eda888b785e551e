// Recording console: a `console` global for a context that has none. Every call is kept
// as {level, message} in a bounded in-memory list the host can drain; nothing is printed.

const MAX_MESSAGES = 1000;
const MAX_MESSAGE_CHARS = 4000;
let messages = [];
let dropped = 0;

function formatArg(arg) {
  if (typeof arg === 'string') return arg;
  if (arg instanceof Error) return arg.stack ? String(arg.stack) : `${arg.name}: ${arg.message}`;
  if (typeof arg === 'symbol') return arg.toString();
  if (typeof arg === 'function') return `[Function ${arg.name || 'anonymous'}]`;
  if (typeof arg === 'bigint') return `${arg}n`;
  if (arg !== null && typeof arg === 'object') {
    try {
      return JSON.stringify(arg);
    } catch {
      return Object.prototype.toString.call(arg);
    }
  }
  return String(arg);
}

function record(level, args) {
  if (messages.length >= MAX_MESSAGES) {
    dropped++;
    return;
  }
  let message = args.map(formatArg).join(' ');
  if (message.length > MAX_MESSAGE_CHARS) message = message.slice(0, MAX_MESSAGE_CHARS) + '…';
  messages.push({ level, message });
}

/** Returns the messages recorded since the last call and forgets them. */
export function takeConsoleMessages() {
  const out = messages;
  if (dropped > 0) out.push({ level: 'warn', message: `${dropped} console message(s) dropped` });
  messages = [];
  dropped = 0;
  return out;
}

const counters = Object.create(null);

export const recordingConsole = {
  log: (...a) => record('log', a),
  info: (...a) => record('info', a),
  warn: (...a) => record('warn', a),
  error: (...a) => record('error', a),
  debug: (...a) => record('debug', a),
  trace: (...a) => record('trace', a),
  dir: (...a) => record('log', a),
  dirxml: (...a) => record('log', a),
  table: (...a) => record('log', a),
  group: (...a) => record('log', a),
  groupCollapsed: (...a) => record('log', a),
  groupEnd: () => {},
  time: () => {},
  timeEnd: () => {},
  timeLog: () => {},
  timeStamp: () => {},
  count: (label = 'default') => {
    counters[label] = (counters[label] || 0) + 1;
    record('log', [`${label}: ${counters[label]}`]);
  },
  countReset: (label = 'default') => {
    counters[label] = 0;
  },
  assert: (cond, ...a) => {
    if (!cond) record('error', ['Assertion failed:', ...a]);
  },
  clear: () => {},
};
