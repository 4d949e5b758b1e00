from __future__ import annotations

from csrsim.main import main

main()
