"""The review service (`s11 serve`): FastAPI on uvicorn over the batch store in one folder."""
