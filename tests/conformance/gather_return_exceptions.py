# SEMANTICS.md §6 (gather, return_exceptions=True): gather waits for every child and returns
# exceptions as values, in argument order.
import asyncio


async def ok(name, n):
    for i in range(n):
        await asyncio.sleep(0)
        print(f"{name} tick {i}")
    print(f"{name} finished")
    return name


async def bad():
    await asyncio.sleep(0)
    print("bad raising")
    raise ValueError("boom")


async def main():
    results = await asyncio.gather(ok("A", 3), bad(), ok("C", 2), return_exceptions=True)
    print("main resumed")
    for r in results:
        if isinstance(r, BaseException):
            print("result: exception", type(r).__name__, r)
        else:
            print("result:", r)


asyncio.run(main())
