# SEMANTICS.md §6 (wait_for, 3.11): on timeout the inner task is cancelled and wait_for waits
# until it has really finished (its cleanup prints first), then raises TimeoutError.
import asyncio


async def slow():
    print("slow started")
    try:
        await asyncio.sleep(0.3)
        print("slow finished")
        return "slow result"
    except asyncio.CancelledError:
        print("slow cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        await asyncio.wait_for(slow(), timeout=0.1)
        print("main got result")
    except asyncio.TimeoutError:
        print("main: TimeoutError after", round(loop.time() - t0, 1), "s")
    print("TimeoutError is builtin TimeoutError:", asyncio.TimeoutError is TimeoutError)
    print("main done")


asyncio.run(main())
