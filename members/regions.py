"""The 38 regencies (kabupaten) and cities (kota) of Jawa Timur with their BPS codes."""

REGIONS = [
    ("3501", "Kabupaten Pacitan", "kabupaten"),
    ("3502", "Kabupaten Ponorogo", "kabupaten"),
    ("3503", "Kabupaten Trenggalek", "kabupaten"),
    ("3504", "Kabupaten Tulungagung", "kabupaten"),
    ("3505", "Kabupaten Blitar", "kabupaten"),
    ("3506", "Kabupaten Kediri", "kabupaten"),
    ("3507", "Kabupaten Malang", "kabupaten"),
    ("3508", "Kabupaten Lumajang", "kabupaten"),
    ("3509", "Kabupaten Jember", "kabupaten"),
    ("3510", "Kabupaten Banyuwangi", "kabupaten"),
    ("3511", "Kabupaten Bondowoso", "kabupaten"),
    ("3512", "Kabupaten Situbondo", "kabupaten"),
    ("3513", "Kabupaten Probolinggo", "kabupaten"),
    ("3514", "Kabupaten Pasuruan", "kabupaten"),
    ("3515", "Kabupaten Sidoarjo", "kabupaten"),
    ("3516", "Kabupaten Mojokerto", "kabupaten"),
    ("3517", "Kabupaten Jombang", "kabupaten"),
    ("3518", "Kabupaten Nganjuk", "kabupaten"),
    ("3519", "Kabupaten Madiun", "kabupaten"),
    ("3520", "Kabupaten Magetan", "kabupaten"),
    ("3521", "Kabupaten Ngawi", "kabupaten"),
    ("3522", "Kabupaten Bojonegoro", "kabupaten"),
    ("3523", "Kabupaten Tuban", "kabupaten"),
    ("3524", "Kabupaten Lamongan", "kabupaten"),
    ("3525", "Kabupaten Gresik", "kabupaten"),
    ("3526", "Kabupaten Bangkalan", "kabupaten"),
    ("3527", "Kabupaten Sampang", "kabupaten"),
    ("3528", "Kabupaten Pamekasan", "kabupaten"),
    ("3529", "Kabupaten Sumenep", "kabupaten"),
    ("3571", "Kota Kediri", "kota"),
    ("3572", "Kota Blitar", "kota"),
    ("3573", "Kota Malang", "kota"),
    ("3574", "Kota Probolinggo", "kota"),
    ("3575", "Kota Pasuruan", "kota"),
    ("3576", "Kota Mojokerto", "kota"),
    ("3577", "Kota Madiun", "kota"),
    ("3578", "Kota Surabaya", "kota"),
    ("3579", "Kota Batu", "kota"),
]


def regions_seed(region_model) -> int:
    """Create missing regions; returns how many were created. Idempotent."""
    existing = set(region_model.objects.values_list("code", flat=True))
    new = [
        region_model(code=code, name=name, kind=kind)
        for code, name, kind in REGIONS
        if code not in existing
    ]
    region_model.objects.bulk_create(new)
    return len(new)
