"""Row ids as the databases hold them (see ``domain.row_ids``)."""

from worldbrief.domain.row_ids import MAX_ROW_ID, is_row_id

__all__ = ["MAX_ROW_ID", "is_row_id"]
