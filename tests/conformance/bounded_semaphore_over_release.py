# SEMANTICS.md §8: BoundedSemaphore.release() raises ValueError when the value would exceed
# the initial bound; a plain Semaphore allows it.
import asyncio


async def user(sem, name):
    async with sem:
        print(f"{name} inside")
        await asyncio.sleep(0)
    print(f"{name} left")


async def main():
    sem = asyncio.BoundedSemaphore(2)
    ta = asyncio.create_task(user(sem, "A"))
    tb = asyncio.create_task(user(sem, "B"))
    await ta
    await tb
    print("both left, locked =", sem.locked())
    try:
        sem.release()
        print("extra release accepted")
    except ValueError as e:
        print("BoundedSemaphore over-release: ValueError:", e)
    plain = asyncio.Semaphore(2)
    plain.release()
    print("plain Semaphore over-release accepted")
    await plain.acquire()
    await plain.acquire()
    await plain.acquire()
    print("plain Semaphore gave 3 units, locked =", plain.locked())


asyncio.run(main())
