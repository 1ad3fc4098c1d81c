from django.core.management.base import BaseCommand
from django.db import connection

from cms import bench


class Command(BaseCommand):
    help = (
        "Meet stappagina's tegen een gewone pagina bij N bijdragen per blok "
        "(make bench); drukt een tabel af, toetst geen tijden."
    )

    def add_arguments(self, parser):
        parser.add_argument("sizes", nargs="+", type=int, help="aantallen bijdragen")

    def handle(self, *args, sizes, **options):
        rows = bench.run(sizes, out=self.stderr.write)
        self.stdout.write(bench.table(rows, connection.vendor))
