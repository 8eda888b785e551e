// delayRender bookkeeping without `window`: one scope object with the fields Remotion's own
// delayRender implementation uses (handles, timeouts, attempt, cancelled error). It is provided to
// Remotion's components through Internals.DelayRenderContextType, and the global
// delayRender/continueRender/cancelRender that scenes call are re-implemented on it with
// Remotion's semantics and messages (timeout = 30 s − 2 s of *virtual* time).

const DEFAULT_TIMEOUT = 30000;

export function createDelayRenderScope() {
  return {
    remotion_delayRenderHandles: [],
    remotion_delayRenderTimeouts: {},
    remotion_renderReady: true,
    remotion_attempt: 1,
    remotion_puppeteerTimeout: DEFAULT_TIMEOUT,
    remotion_cancelledError: undefined,
  };
}

export const scopeRef = { current: createDelayRenderScope() };

export function resetDelayRenderScope() {
  const scope = scopeRef.current;
  scope.remotion_delayRenderHandles = [];
  scope.remotion_delayRenderTimeouts = {};
  scope.remotion_renderReady = true;
  scope.remotion_attempt = 1;
  scope.remotion_cancelledError = undefined;
}

function errorStackWithMessage(error) {
  return error.stack && error.stack.includes(error.message) ? error.stack : `${error.message}\n${error.stack || ''}`;
}

function isErrorLike(err) {
  return err instanceof Error || (err !== null && typeof err === 'object' && typeof err.message === 'string' && 'stack' in err);
}

export function cancelRender(err) {
  let error;
  if (isErrorLike(err)) {
    error = err;
    if (!error.stack) error.stack = new Error(error.message).stack;
  } else if (typeof err === 'string') {
    error = Error(err);
  } else {
    error = Error('Rendering was cancelled');
  }
  scopeRef.current.remotion_cancelledError = errorStackWithMessage(error);
  scopeRef.current.cancelledErrorObject = error;
  throw error;
}

export function delayRender(label, options) {
  if (typeof label !== 'string' && label !== null && label !== undefined) {
    throw new Error('The label parameter of delayRender() must be a string or undefined, got: ' + JSON.stringify(label));
  }
  const scope = scopeRef.current;
  const handle = Math.random();
  scope.remotion_delayRenderHandles.push(handle);
  const called = Error().stack?.replace(/^Error/g, '') ?? '';
  const timeoutToUse = Math.max(0, (options?.timeoutInMilliseconds ?? scope.remotion_puppeteerTimeout ?? DEFAULT_TIMEOUT) - 2000);
  const retriesLeft = (options?.retries ?? 0) - (scope.remotion_attempt - 1);
  scope.remotion_delayRenderTimeouts[handle] = {
    label: label ?? null,
    startTime: Date.now(),
    timeout: setTimeout(() => {
      const message = [
        'A delayRender()',
        label ? `"${label}"` : null,
        `was called but not cleared after ${timeoutToUse}ms. See https://remotion.dev/docs/timeout for help.`,
        retriesLeft > 0 ? 'Retries left: ' + retriesLeft : null,
        retriesLeft > 0 ? '- Rendering the frame will be retried.' : null,
        'The delayRender was called:',
        called,
      ]
        .filter(Boolean)
        .join(' ');
      cancelRender(Error(message));
    }, timeoutToUse),
  };
  scope.remotion_renderReady = false;
  return handle;
}

export function continueRender(handle) {
  if (typeof handle === 'undefined') {
    throw new TypeError(
      'The continueRender() method must be called with a parameter that is the return value of delayRender(). No value was passed.',
    );
  }
  if (typeof handle !== 'number') {
    throw new TypeError(
      'The parameter passed into continueRender() must be the return value of delayRender() which is a number. Got: ' +
        JSON.stringify(handle),
    );
  }
  const scope = scopeRef.current;
  const entry = scope.remotion_delayRenderTimeouts[handle];
  if (entry) {
    clearTimeout(entry.timeout);
    delete scope.remotion_delayRenderTimeouts[handle];
  }
  scope.remotion_delayRenderHandles = scope.remotion_delayRenderHandles.filter((h) => h !== handle);
  if (scope.remotion_delayRenderHandles.length === 0) scope.remotion_renderReady = true;
}

export function pendingDelayRenderCount() {
  return scopeRef.current.remotion_delayRenderHandles.length;
}

/** The error recorded by cancelRender (or a delayRender timeout) since the last call, if any. */
export function takeCancelledError() {
  const scope = scopeRef.current;
  if (scope.remotion_cancelledError === undefined) return null;
  let error = scope.cancelledErrorObject;
  if (!error) {
    // Remotion's own delayRender/cancelRender only keep "stack with message" as a string.
    const text = String(scope.remotion_cancelledError);
    error = new Error(text.split('\n')[0].replace(/^Error: /, ''));
    error.stack = text;
  }
  scope.remotion_cancelledError = undefined;
  scope.cancelledErrorObject = undefined;
  return error;
}
