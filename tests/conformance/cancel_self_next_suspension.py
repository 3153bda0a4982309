# SEMANTICS.md §14: a self-cancel is delivered only at the next real suspension (sleep(0));
# non-suspending awaits don't deliver it, and returning before suspending still ends cancelled.
import asyncio


async def no_suspend():
    return "inline"


async def self_canceller(done_fut):
    print("S cancels itself, cancel() returned", asyncio.current_task().cancel())
    print("S still running")
    print("S awaited coroutine ->", await no_suspend())
    print("S awaited done future ->", await done_fut)
    try:
        await asyncio.sleep(0)
        print("S after sleep(0)")
    except asyncio.CancelledError:
        print("S got CancelledError at sleep(0)")
        raise


async def returner():
    asyncio.current_task().cancel()
    print("R cancelled itself and returns without suspending")
    return "lost value"


async def main():
    loop = asyncio.get_running_loop()
    done_fut = loop.create_future()
    done_fut.set_result("ready")
    s = asyncio.create_task(self_canceller(done_fut))
    r = asyncio.create_task(returner())
    for name, t in (("S", s), ("R", r)):
        try:
            print(f"main: {name} returned", await t)
        except asyncio.CancelledError:
            print(f"main: {name} cancelled =", t.cancelled())
    print("main done")


asyncio.run(main())
