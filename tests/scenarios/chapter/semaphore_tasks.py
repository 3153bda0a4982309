import asyncio

sem = asyncio.Semaphore(2)

async def limited_task(name):
    async with sem:
        print(f"Tarea {name} iniciada")
        await asyncio.sleep(1)
        print(f"Tarea {name} completada")

async def main():
    await asyncio.gather(
        limited_task("A"),
        limited_task("B"),
        limited_task("C"),
        limited_task("D")
    )

if __name__ == "__main__":
        asyncio.run(main())
