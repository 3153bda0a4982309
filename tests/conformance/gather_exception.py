# SEMANTICS.md §6 (gather, return_exceptions=False): the first exception is raised in the
# awaiting task at once; the other children are NOT cancelled and keep running.
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
    try:
        await asyncio.gather(ok("A", 4), bad(), ok("C", 4))
    except ValueError as e:
        print("main caught ValueError:", e)
    print("main sleeping 0.1")
    await asyncio.sleep(0.1)
    print("main done")


asyncio.run(main())
