import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { Client, Pool, type PoolClient, type PoolConfig } from 'pg';

type RunInContext = <R>(fn: () => R) => R;

/** What `clientOpenedIn` reads of pg's Client internals (pg 8). */
interface ClientInternals {
  connection: { stream: NodeJS.EventEmitter };
  activeQuery: object | null | undefined;
  queryQueue: object[];
}

/** The callback form of `Client.connect`. */
type ConnectCallback = Parameters<Client['connect']>[0] & object;

/**
 * A `pg` client whose connection is opened in the async context the pool was created in, and
 * whose responses are parsed in the context of the query they answer.
 *
 * A socket's callbacks run in the async context it was connected in. A pool opens a connection
 * lazily, inside whichever request first needs one, and then lends it to every later request:
 * without this, the parsing of every later request's results (and the trace context and
 * profiler labels seen there) would belong to that first request. So the connection is opened
 * in the pool's context, and every chunk the server sends is handled in the context of the
 * query it answers (pg runs one query at a time per connection): the CPU of parsing a
 * request's rows is that request's. Callbacks passed to `connect` and `query` are bound to their
 * caller; promises do that by themselves.
 */
function clientOpenedIn(poolContext: RunInContext): typeof Client {
  return class PooledClient extends Client {
    private readonly queryContexts = new WeakMap<object, RunInContext>();

    constructor(config?: ConstructorParameters<typeof Client>[0]) {
      super(config);
      const internals = this as unknown as ClientInternals;
      const stream = internals.connection.stream;
      const emit = stream.emit;
      stream.emit = (event: string | symbol, ...args: unknown[]): boolean => {
        const active = internals.activeQuery;
        const inQueryContext =
          event === 'data' && active ? this.queryContexts.get(active) : undefined;
        return inQueryContext
          ? inQueryContext(() => emit.call(stream, event, ...args))
          : emit.call(stream, event, ...args);
      };
    }

    override connect(): Promise<Client>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<Client> | void {
      if (callback === undefined) return poolContext(() => super.connect());
      const inCallerContext = AsyncResource.bind(callback);
      poolContext(() => super.connect(inCallerContext));
    }

    // pg's query() has many overloads; only a trailing callback is touched.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const last = args.length - 1;
      if (typeof args[last] === 'function') args[last] = AsyncResource.bind(args[last]);
      const internals = this as unknown as ClientInternals;
      const known = new Set([internals.activeQuery, ...internals.queryQueue]);
      const result = Reflect.apply(super.query, this, args);
      // The query just queued (or already running); none when the client refused it.
      const query = [internals.activeQuery, ...internals.queryQueue].find(
        (candidate) => candidate && !known.has(candidate),
      );
      if (query) this.queryContexts.set(query, AsyncLocalStorage.snapshot());
      return result;
    }
  };
}

/**
 * pg's pool, except that a request waiting for a connection gets it in its own context: the
 * pool hands a released connection to the next waiter inside `release()`, that is in the
 * context of the request that released it, and `pool.query()` sends its query from there.
 */
class PoolServingInCallerContext extends Pool {
  override connect(): Promise<PoolClient>;
  override connect(
    callback: (
      err: Error | undefined,
      client: PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override connect(callback?: any): any {
    return callback === undefined ? super.connect() : super.connect(AsyncResource.bind(callback));
  }
}

/** A pg pool whose connections belong to the pool and whose answers belong to their query. */
export function poolServingInCallerContext(config: PoolConfig): Pool {
  return new PoolServingInCallerContext({
    ...config,
    Client: clientOpenedIn(AsyncLocalStorage.snapshot()),
  });
}
