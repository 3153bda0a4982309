import asyncio

async def producer(queue, n):
    for i in range(n):
        await asyncio.sleep(0.1)  # Simular creación de datos
        await queue.put(i)
        print(f"Productor agregó: {i}")
    await queue.put(None)  # Señal de finalización

async def consumer(queue, name):
    while True:
        item = await queue.get()
        if item is None:
            queue.task_done()
            break
        await asyncio.sleep(0.2)  # Simular procesamiento de datos
        print(f"Consumidor {name} procesó: {item}")
        queue.task_done()

async def main():
    queue = asyncio.Queue()
    await asyncio.gather(
        producer(queue, 10),
        consumer(queue, "A"),
        consumer(queue, "B")
    )
    await queue.join()  # Esperar a que todas las tareas sean procesadas
    print("Todas las tareas están completadas")

if __name__ == "__main__":
    asyncio.run(main())
