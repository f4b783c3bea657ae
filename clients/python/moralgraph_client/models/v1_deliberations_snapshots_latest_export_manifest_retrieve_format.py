from enum import StrEnum

class V1DeliberationsSnapshotsLatestExportManifestRetrieveFormat(StrEnum):
    CSV = "csv"
    CSV_VALUES = "csv-values"
    GRAPHML = "graphml"
    JSON = "json"
    JSONL = "jsonl"
    MAI = "mai"

    def __str__(self) -> str:
        return str(self.value)
