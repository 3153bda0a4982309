import asyncio

async def producer(queue):
    for i in range(5):
        await asyncio.sleep(0.1)
        await queue.put(i)
        print(f"Productor agregó: {i}")
    await queue.put(None)  # Señal de finalización

async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            break
        print(f"Consumidor procesó: {item}")
    print("Consumidor ha terminado el trabajo")

async def main():
    queue = asyncio.Queue()
    await asyncio.gather(
        producer(queue),
        consumer(queue)
    )

if __name__ == "__main__":
    asyncio.run(main())
