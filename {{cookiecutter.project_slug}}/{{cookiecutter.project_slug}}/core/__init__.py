"""Cross-cutting pieces every app uses: health probes, errors, pagination and exports."""
