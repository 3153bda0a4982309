# SEMANTICS.md §1 step 4 + §5: a due timer is appended AFTER the handles already queued, so
# call_later(0) from iteration k runs at the end of iteration k+1 (after call_soon/task steps from k).
import asyncio


def cb(label):
    print(label)


async def child():
    print("child first step")
    asyncio.get_running_loop().call_soon(cb, "soon queued by child")
    await asyncio.sleep(0)
    print("child second step")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, cb, "timer call_later(0)")
    loop.call_soon(cb, "soon 1")
    t = asyncio.create_task(child())
    loop.call_soon(cb, "soon 2")
    print("main before sleep(0)")
    await asyncio.sleep(0)
    print("main after sleep(0)")
    await t
    print("main done")


asyncio.run(main())
