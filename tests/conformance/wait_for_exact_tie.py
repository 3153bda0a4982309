# SEMANTICS.md §6 (wait_for exact tie): inner sleep(t) vs timeout=t -> the timeout timer was
# registered first, so the inner task is cancelled even though its sleep completed -> TimeoutError.
import asyncio


async def inner():
    print("inner started")
    try:
        await asyncio.sleep(0.1)
        print("inner woke normally")
        return "inner result"
    except asyncio.CancelledError:
        print("inner cancelled")
        raise


async def main():
    try:
        result = await asyncio.wait_for(inner(), timeout=0.1)
        print("main got", result)
    except asyncio.TimeoutError:
        print("main: TimeoutError")
    print("main done")


asyncio.run(main())
