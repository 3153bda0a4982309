import asyncio

class SafeCounter:
    def __init__(self):
        self.value = 0
        self.lock = asyncio.Lock()
    
    async def increment(self):
        async with self.lock:
            temp = self.value
            await asyncio.sleep(0.1)  # Simular procesamiento
            self.value = temp + 1
            print(f"Contador incrementado a {self.value}")

async def main():
    counter = SafeCounter()
    await asyncio.gather(
        counter.increment(),
        counter.increment(),
        counter.increment()
    )
    print(f"Valor final del contador: {counter.value}")

if __name__ == "__main__":
    asyncio.run(main())
