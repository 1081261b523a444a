"""The review service (`s11 serve`): FastAPI on uvicorn over the batch store in one folder.

It serves results, gaps and decisions through the batch and review modules; it reads no file format.
"""
