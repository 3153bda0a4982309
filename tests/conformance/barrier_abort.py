# SEMANTICS.md §12: abort() breaks the barrier: parties already waiting get BrokenBarrierError
# (in wait order) and later wait() calls raise it at once.
import asyncio


async def party(barrier, name):
    print(f"{name} waiting")
    try:
        await barrier.wait()
        print(f"{name} passed")
    except asyncio.BrokenBarrierError:
        print(f"{name} got BrokenBarrierError")


async def main():
    barrier = asyncio.Barrier(3)
    ta = asyncio.create_task(party(barrier, "A"))
    tb = asyncio.create_task(party(barrier, "B"))
    await asyncio.sleep(0)
    print("main aborts, n_waiting =", barrier.n_waiting)
    await barrier.abort()
    print("main after abort, broken =", barrier.broken)
    await ta
    await tb
    await party(barrier, "C")
    print("main done")


asyncio.run(main())
