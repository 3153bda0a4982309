import asyncio

class AsyncCache:
    def __init__(self):
        self.cache = {}
        self.lock = asyncio.Lock()
    
    async def get(self, key):
        async with self.lock:
            return self.cache.get(key, None)
    
    async def set(self, key, value):
        async with self.lock:
            self.cache[key] = value
            print(f"Caché actualizada: {key} = {value}")

async def main():
    cache = AsyncCache()
    await asyncio.gather(
        cache.set("a", 1),
        cache.set("b", 2),
        cache.set("c", 3),
        cache.get("a"),
        cache.get("b"),
        cache.get("c")
    )

if __name__ == "__main__":
    asyncio.run(main())
