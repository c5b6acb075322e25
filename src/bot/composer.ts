// The Composer every feature is built on: grammY's, with the same behaviour and a cheaper walk.
//
// Every update walks past each handler registered before the one that takes it: some 200 of them
// (`on`, `command`, `callbackQuery`, `hears`, `chatType` are all `filter`). grammY's `filter`
// goes through `branch` → `lazy`, which builds a new Composer, an array and several closures and
// promises for every handler passed, and its `use` chains two async functions per handler. All of
// it stays alive while the handler that answers waits for the database and the Bot API, so under
// load most of it outlives the young generation: the e2e benchmark (`npm run bench -- e2e`) spent a
// quarter of the bot's time in the garbage collector. Here a composer keeps its middleware in an
// array and runs it with an index, and a filter is one plain function.
import { Composer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from 'grammy';

type Predicate<C> = (ctx: C) => boolean | Promise<boolean>;

function asFunction<C extends Context>(middleware: Middleware<C>): MiddlewareFn<C> {
  return typeof middleware === 'function' ? middleware : (ctx, next) => middleware.middleware()(ctx, next);
}

export class FeatureComposer<C extends Context> extends Composer<C> {
  private readonly stack: MiddlewareFn<C>[];

  constructor(...middleware: Middleware<C>[]) {
    super();
    this.stack = middleware.map(asFunction);
  }

  override use(...middleware: Middleware<C>[]): Composer<C> {
    const composer = new FeatureComposer<C>(...middleware);
    this.stack.push((ctx, next) => composer.run(ctx, next));
    return composer;
  }

  override middleware(): MiddlewareFn<C> {
    return (ctx, next) => this.run(ctx, next);
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Middleware<D>[]): Composer<D>;
  override filter(predicate: Predicate<C>, ...middleware: Middleware<C>[]): Composer<C>;
  override filter(predicate: Predicate<C>, ...middleware: Middleware<C>[]): Composer<C> {
    const composer = new FeatureComposer<C>(...middleware);
    this.stack.push((ctx, next) => {
      const matches = predicate(ctx);
      if (matches instanceof Promise) return matches.then((yes) => (yes ? composer.run(ctx, next) : next()));
      return matches ? composer.run(ctx, next) : next();
    });
    return composer;
  }

  /** Runs the stack from `index`; `next` once past its end. Like grammY, `next` may be called once. */
  private run(ctx: C, next: NextFunction, index = 0): Promise<void> {
    if (index >= this.stack.length) return next();
    let called = false;
    try {
      return Promise.resolve(
        this.stack[index]!(ctx, () => {
          if (called) throw new Error('`next` already called before!');
          called = true;
          return this.run(ctx, next, index + 1);
        }),
      ) as Promise<void>;
    } catch (err) {
      return Promise.reject(err);
    }
  }
}
