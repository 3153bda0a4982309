# SEMANTICS.md §13: ContextVar.get with a default / fallback / LookupError, and set() returning
# a Token that reset() uses to restore the previous value, inside a task's own context.
import asyncio
import contextvars

with_default = contextvars.ContextVar("with_default", default="dflt")
no_default = contextvars.ContextVar("no_default")


async def child():
    try:
        no_default.get()
    except LookupError:
        print("child: no_default.get() -> LookupError")
    print("child: no_default.get('fallback') ->", no_default.get("fallback"))
    token = no_default.set("child-value")
    print("child: after set ->", no_default.get())
    print("child: token.old_value is MISSING:", token.old_value is contextvars.Token.MISSING)
    await asyncio.sleep(0)
    print("child: after sleep(0) ->", no_default.get())
    no_default.reset(token)
    try:
        no_default.get()
    except LookupError:
        print("child: after reset -> LookupError again")
    t2 = with_default.set("second")
    t3 = with_default.set("third")
    print("child: with_default ->", with_default.get())
    with_default.reset(t3)
    print("child: reset third ->", with_default.get())
    with_default.reset(t2)
    print("child: reset second ->", with_default.get())


async def main():
    print("main: with_default.get() ->", with_default.get())
    print("main: with_default.get('fb') ->", with_default.get("fb"))
    await asyncio.create_task(child())
    print("main: no_default.get('none') ->", no_default.get("none"))


asyncio.run(main())
