from django.apps import AppConfig


class AlignmentJobsConfig(AppConfig):
    name = "alignment_jobs"
    verbose_name = "Alignment jobs"
