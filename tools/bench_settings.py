"""The benchmark's settings: production's, with the /hello baseline added to the URLs."""

from crosslearn.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
