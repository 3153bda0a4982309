import asyncio

async def producer(queue):
    data = (1, 2, 3)
    await queue.put(data)
    print(f"Productor agregó datos: {data}")

async def consumer(queue):
    data = await queue.get()
    print(f"Consumidor recibió datos: {data}")
    # Intentar modificar los datos lanzará un error
    # data[0] = 10  # TypeError: 'tuple' object does not support item assignment

async def main():
    queue = asyncio.Queue()
    await asyncio.gather(
        producer(queue),
        consumer(queue)
    )

if __name__ == "__main__":
    asyncio.run(main())
