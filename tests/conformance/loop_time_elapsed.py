# SEMANTICS.md §4 + §5: sleep(d) and call_later(d) advance loop.time() by about d; sleep(0) does not.
# Only rounded differences from t0 are printed.
import asyncio


def cb(loop, t0):
    print("call_later(0.3) callback at", round(loop.time() - t0, 1))


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    loop.call_later(0.3, cb, loop, t0)
    await asyncio.sleep(0)
    print("after sleep(0):", round(loop.time() - t0, 1))
    await asyncio.sleep(0.1)
    print("after sleep(0.1):", round(loop.time() - t0, 1))
    await asyncio.gather(asyncio.sleep(0.1), asyncio.sleep(0.2))
    print("after gather(sleep(0.1), sleep(0.2)):", round(loop.time() - t0, 1))
    await asyncio.sleep(0.2)
    print("after sleep(0.2):", round(loop.time() - t0, 1))


asyncio.run(main())
