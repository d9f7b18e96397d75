// Last-resort cleanup when the Node.js process exits while infrastructure is still running
// (a test runner calling process.exit(), an uncaught exception). Only synchronous work runs here.
type ExitAction = () => void;

const actions = new Set<ExitAction>();
let hookInstalled = false;

function runAll(): void {
  for (const action of actions) {
    try {
      action();
    } catch {
      // Best effort: the process is going away whatever happens here.
    }
  }
  actions.clear();
}

/** Runs `action` when the process exits; the returned function cancels it. */
export function onProcessExit(action: ExitAction): () => void {
  if (!hookInstalled) {
    process.on('exit', runAll);
    hookInstalled = true;
  }
  actions.add(action);
  return () => {
    actions.delete(action);
  };
}
