"""Django's Redis cache, keeping one client per connection pool.

Django builds a new ``redis.Redis`` client for every cache call, and each one sets up its
table of response callbacks: about 0.15 ms a call, several calls per page. A client is
thread-safe and holds no connection of its own (the pool does), so one per pool is enough.
Measured (make bench, BENCH_COMPARE, one run): without it the cached visitor pages serve a
third fewer requests and the semester CSV falls below its throughput target.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientsRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
