# SEMANTICS.md §6 (asyncio.timeout): on expiry the task is cancelled at its await and __aexit__
# turns the CancelledError into TimeoutError (uncancel() restores cancelling() to 0).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(0.1) as cm:
            print("inside timeout(0.1), sleeping 0.3")
            try:
                await asyncio.sleep(0.3)
                print("sleep finished")
            except asyncio.CancelledError:
                print("sleep got CancelledError inside the block")
                raise
    except TimeoutError:
        print("TimeoutError after", round(loop.time() - t0, 1), "s, expired =", cm.expired())
    print("cancelling() =", asyncio.current_task().cancelling())
    async with asyncio.timeout(0.3) as cm2:
        await asyncio.sleep(0.1)
        print("sleep(0.1) finished inside timeout(0.3)")
    print("second block expired =", cm2.expired())
    try:
        async with asyncio.timeout(0):
            print("timeout(0) body runs until its first suspension")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print("timeout(0): TimeoutError")
    print("main done")


asyncio.run(main())
